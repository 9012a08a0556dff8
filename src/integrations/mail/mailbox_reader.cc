#include "integrations/mail/mailbox_reader.h"

#include <cstdio>

#include "common/crypto.h"
#include "common/text.h"
#include "domain/dossier/document_rules.h"

namespace motcua::integrations::mail {

app::feedback::Submission to_submission(const Mail& m, std::string_view raw, const ReaderLimits& lim) {
  app::feedback::Submission s;
  s.channel = app::feedback::Channel::email;
  s.title = m.subject;
  s.content = !m.text.empty() ? m.text : html_to_text(m.html);
  s.sender_name = m.from_name;
  s.sender_email = m.from_address;
  s.external_id = !m.message_id.empty() ? m.message_id : "sha256:" + sha256_hex(raw);
  std::vector<std::string> left_out;
  for (auto& a : m.attachments) {
    const std::string shown = a.file_name.empty() ? "(không tên)" : a.file_name;
    auto type = dossier::detect_document_type(a.bytes);
    if (!type.ok()) {
      left_out.push_back(shown + ": không phải PDF, JPEG hoặc PNG");
      continue;
    }
    if (int64_t(a.bytes.size()) > lim.max_file_bytes) {
      left_out.push_back(shown + ": lớn quá " + std::to_string(lim.max_file_bytes >> 20) + " MB");
      continue;
    }
    if (int(s.attachments.size()) >= lim.max_attachments) {
      left_out.push_back(shown + ": quá " + std::to_string(lim.max_attachments) + " tệp");
      continue;
    }
    s.attachments.push_back(app::feedback::Attachment{dossier::clean_file_name(a.file_name, *type), *type, a.bytes});
  }
  if (!left_out.empty()) {
    s.content += "\n\n[Tệp đính kèm không nhận:";
    for (auto& l : left_out) s.content += "\n- " + l;
    s.content += "]";
  }
  return s;
}

Result<PollReport> MailboxReader::poll_once() {
  MC_ASSIGN(auto session, ImapSession::open(o_));
  MC_ASSIGN(auto uids, session->unseen());
  PollReport r;
  int taken = 0;
  for (uint64_t uid : uids) {
    if (taken++ >= lim_.per_poll) break;
    MC_ASSIGN(auto size, session->size(uid));
    if (size == 0) continue;  // expunged meanwhile
    if (int64_t(size) > lim_.max_message_bytes) {
      std::fprintf(stderr, "[hộp thư] thư UID %llu lớn quá giới hạn (%llu byte): đánh dấu để xử lý tay\n",
                   (unsigned long long)uid, (unsigned long long)size);
      MC_TRY(session->add_flags(uid, "\\Seen \\Flagged"));
      ++r.refused;
      continue;
    }
    MC_ASSIGN(auto raw, session->fetch(uid));
    auto mail = parse_mail(raw);
    if (!mail.ok()) {
      std::fprintf(stderr, "[hộp thư] thư UID %llu không đọc được: %s\n", (unsigned long long)uid,
                   mail.error().detail.c_str());
      MC_TRY(session->add_flags(uid, "\\Seen \\Flagged"));
      ++r.refused;
      continue;
    }
    auto filed = intake_.file(to_submission(*mail, raw, lim_));
    if (filed.ok()) {
      MC_TRY(session->add_flags(uid, "\\Seen"));  // only now: the case exists
      ++(filed->repeated ? r.repeated : r.filed);
      continue;
    }
    const auto kind = filed.error().kind;
    if (kind == ErrorKind::invalid || kind == ErrorKind::too_large || kind == ErrorKind::unsupported) {
      std::fprintf(stderr, "[hộp thư] thư UID %llu bị từ chối: %s\n", (unsigned long long)uid,
                   filed.error().detail.c_str());
      MC_TRY(session->add_flags(uid, "\\Seen \\Flagged"));
      ++r.refused;
      continue;
    }
    ++r.failed;  // the store is busy or down: left unseen, taken again next time
    break;
  }
  session->logout();
  return r;
}

void MailboxReader::start(int64_t every_ms) {
  t_ = std::thread([this, every_ms] {
    std::unique_lock lock(m_);
    while (!stop_) {
      lock.unlock();
      auto r = poll_once();
      if (!r.ok()) std::fprintf(stderr, "[hộp thư] %s\n", r.error().detail.c_str());
      lock.lock();
      cv_.wait_for(lock, std::chrono::milliseconds(every_ms), [this] { return stop_; });
    }
  });
}

void MailboxReader::stop() {
  {
    std::lock_guard lock(m_);
    stop_ = true;
  }
  cv_.notify_all();
  if (t_.joinable()) t_.join();
}

}  // namespace motcua::integrations::mail
