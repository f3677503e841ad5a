#!/usr/bin/env bash
# Installs kcat (librdkafka's command-line client), which the Kafka door's test drives (KcatIT): Debian's
# kcat package, at /usr/bin/kcat. Idempotent: does nothing when it is already there. Non-interactive; needs
# root (or sudo) and apt-get.
set -euo pipefail

if [[ -x /usr/bin/kcat ]]; then
  echo "kcat is already installed"
  exit 0
fi

bash "$(dirname "$0")/apt-install.sh" kcat
/usr/bin/kcat -V
