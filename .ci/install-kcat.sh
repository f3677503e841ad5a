#!/usr/bin/env bash
# Installs kcat (librdkafka's command-line client), which the Kafka door's test drives (KcatIT): Debian's
# kcat package, at /usr/bin/kcat. Idempotent: does nothing when it is already there. Non-interactive; needs
# root (or sudo) and apt-get.
set -euo pipefail

if [[ -x /usr/bin/kcat ]]; then
  echo "kcat is already installed"
  exit 0
fi

sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q kcat
/usr/bin/kcat -V
