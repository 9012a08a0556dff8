#!/usr/bin/env bash
# A throw-away IMAP server (Debian's dovecot-imapd) for the mailbox tests, on 127.0.0.1 and a
# free port, with one mailbox user and its Maildir under DIR. The system's dovecot service is
# not used (it cannot start here); this one runs from its own configuration file.
#   imap_test_server.sh start DIR   creates (or reuses) DIR, starts dovecot, prints one line:
#                                   imap://127.0.0.1:NNNN/INBOX USER PASSWORD
#   imap_test_server.sh stop DIR    stops it and removes DIR
# As root, mail is stored as user dovecot (dovecot refuses uid 0 for mail). Exit 2: dovecot
# missing (scripts/bootstrap.sh installs dovecot-imapd).
set -euo pipefail

DOVECOT=${DOVECOT:-/usr/sbin/dovecot}
USER_NAME=motcua
PASSWORD=motcua-mail-test

die() { echo "imap_test_server: $*" >&2; exit 1; }
usage() { echo "usage: $0 start|stop DIR" >&2; exit 64; }
[[ $# -eq 2 ]] || usage
cmd=$1
dir=$(realpath -m -- "$2")
[[ "$dir" != / ]] || die "refusing to use /"

# Free: no socket at all on it (an outgoing connection's local port blocks a bind too).
port_free() { [[ -z $(ss -Htan "sport = :$1" 2>/dev/null) ]]; }

running() { [[ -f "$dir/run/master.pid" ]] && kill -0 "$(cat "$dir/run/master.pid")" 2>/dev/null; }

write_conf() {  # write_conf PORT
  cat >"$dir/dovecot.conf" <<CONF
base_dir = $dir/run
state_dir = $dir/state
log_path = $dir/dovecot.log
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $dir/passwd
}
userdb {
  driver = static
  args = uid=$mail_user gid=$mail_user home=$dir/home/%u
}
mail_location = maildir:~/Maildir
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $1
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
CONF
}

case $cmd in
start)
  [[ -x $DOVECOT ]] || { echo "imap_test_server: dovecot is not installed; run scripts/bootstrap.sh" >&2; exit 2; }
  mkdir -p "$dir/run" "$dir/state" "$dir/home"
  chmod 755 "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    mail_user=dovecot
    chown dovecot:dovecot "$dir/home"
  else
    mail_user=$(id -un)
  fi
  if ! running; then
    echo "$USER_NAME:{PLAIN}$PASSWORD" >"$dir/passwd"
    # Below Linux's ephemeral range (32768+), and another port if the bind still loses a race.
    for attempt in 1 2 3 4 5; do
      port=${IMAP_TEST_PORT:-}
      if [[ -z $port ]]; then
        for p in $(shuf -i 20000-32000 -n 50); do
          if port_free "$p"; then port=$p; break; fi
        done
      fi
      [[ -n $port ]] || die "no free port"
      echo "$port" >"$dir/port"
      write_conf "$port"
      # Its own files, not our stdout: a caller reading our output to EOF must not wait for dovecot.
      if "$DOVECOT" -c "$dir/dovecot.conf" </dev/null >>"$dir/dovecot.log" 2>&1; then
        for _ in $(seq 50); do
          running && ! port_free "$port" && break
          sleep 0.1
        done
        running && break
      fi
      [[ -z ${IMAP_TEST_PORT:-} && $attempt -lt 5 ]] || die "dovecot did not start (see $dir/dovecot.log)"
    done
  fi
  echo "imap://127.0.0.1:$(cat "$dir/port")/INBOX $USER_NAME $PASSWORD"
  ;;
stop)
  if running; then
    "$DOVECOT" -c "$dir/dovecot.conf" stop 2>/dev/null || kill "$(cat "$dir/run/master.pid")"
    for _ in $(seq 50); do running || break; sleep 0.1; done
  fi
  rm -rf -- "$dir"
  ;;
*) usage ;;
esac
