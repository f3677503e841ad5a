#!/usr/bin/env bash
# Installs Debian packages non-interactively: `bash .ci/apt-install.sh PACKAGE...`. Needs root (or sudo) and
# apt-get. Shared by the install scripts of what the tests need that Maven cannot fetch.
set -euo pipefail

sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q "$@"
