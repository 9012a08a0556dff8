"""The feedback mailbox against a real IMAP server process (issue 16): Debian's dovecot on
loopback, started by scripts/imap_test_server.sh; mails are delivered into it with IMAP APPEND.

- the reader (integrations/mail) files each new mail once, marks it \\Seen only after it is
  filed, leaves it unseen while the store is down, flags what it refuses, and a mail delivered
  twice (same Message-ID) files nothing new — run as the C++ test MailboxReaderLive.* in
  build/integrations_tests against this server (its Intake records what it is given: the
  feedback context is another branch);
- through `motcua serve` with MOTCUA_MAILBOX_URL a mail becomes a case readable on the API:
  needs the feedback context (wt-fb), skipped until merged.
"""
import imaplib
import os
import subprocess
import tempfile
import unittest

from harness import ROOT

BIN_DIR = os.path.dirname(os.environ.get("MOTCUA_BIN", os.path.join(ROOT, "build", "motcua")))
TESTS = os.path.join(BIN_DIR, "integrations_tests")
SCRIPT = os.path.join(ROOT, "scripts", "imap_test_server.sh")
FEEDBACK_SKIP = "requires feedback service (wt-fb)"

imap_dir = None
imap = None  # (url, user, password)


def setUpModule():
    global imap_dir, imap
    imap_dir = tempfile.mkdtemp(prefix="motcua-imap-")
    out = subprocess.run(["bash", SCRIPT, "start", imap_dir], capture_output=True, text=True)
    if out.returncode == 2:
        raise unittest.SkipTest("dovecot-imapd is not installed (scripts/bootstrap.sh)")
    out.check_returncode()
    imap = tuple(out.stdout.split())


def tearDownModule():
    subprocess.run(["bash", SCRIPT, "stop", imap_dir], capture_output=True)


class Mailbox(unittest.TestCase):
    def test_the_server_takes_mail_by_append(self):
        url, user, password = imap
        host, port = url.split("/")[2].split(":")
        m = imaplib.IMAP4(host, int(port))
        m.login(user, password)
        typ, _ = m.append("INBOX", None, None, b"From: a@example.vn\r\nSubject: x\r\nMessage-ID: <p@x>\r\n\r\nhi\r\n")
        self.assertEqual(typ, "OK")
        m.logout()

    def test_reader_against_the_real_server(self):
        self.assertTrue(os.path.exists(TESTS), TESTS + " is not built (ninja -C build integrations_tests)")
        env = dict(os.environ, MOTCUA_TEST_IMAP=" ".join(imap))
        r = subprocess.run([TESTS, "--gtest_filter=MailboxReaderLive.*"], env=env, capture_output=True, text=True,
                           timeout=300)
        self.assertEqual(r.returncode, 0, r.stdout[-4000:] + r.stderr[-2000:])
        self.assertIn("[  PASSED  ] 2 tests", r.stdout)
        self.assertNotIn("SKIPPED", r.stdout)

    @unittest.skip(FEEDBACK_SKIP)
    def test_a_mail_becomes_a_case_through_serve(self):
        pass


if __name__ == "__main__":
    unittest.main()
