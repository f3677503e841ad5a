#!/usr/bin/env bash
# Installs the headless browser the web page's test drives (WebPageBrowserIT): Debian's chromium and
# chromium-driver, at /usr/bin/chromium and /usr/bin/chromedriver. Idempotent: does nothing when both
# are already there. Non-interactive; needs root (or sudo) and apt-get.
set -euo pipefail

if [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]]; then
  echo "chromium and chromedriver are already installed"
  exit 0
fi

bash "$(dirname "$0")/apt-install.sh" chromium chromium-driver
/usr/bin/chromium --version
/usr/bin/chromedriver --version
