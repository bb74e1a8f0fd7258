#!/usr/bin/env bash
# npm run deploy:toolset — installs tools/deploy (wrangler, tsx, zod at the root lockfile's
# versions) and links it as ./node_modules, where the deploy scripts look for `zod` and
# node_modules/.bin/wrangler. For the jobs bound to an environment: ~240 MB from the registry with
# no cache and no install scripts, instead of the app's 1 GB. Written in bash because nothing is
# installed yet when it runs.
set -euo pipefail
cd "$(dirname "$0")/../.."
toolset=tools/deploy

if [ -e node_modules ] && [ ! -L node_modules ]; then
  # A laptop (or a job) with the full install already has everything the toolset holds.
  echo "deploy:toolset: ./node_modules is a full install; it already holds the deploy toolset — nothing to do."
  exit 0
fi

started=$(date +%s%N)
# --ignore-scripts: no code from the registry runs on a machine about to receive deploy credentials
# (wrangler needs none of its dependencies' install scripts to upload, migrate or roll back).
npm ci --prefix "$toolset" --ignore-scripts --no-audit --no-fund
ln -sfn "$toolset/node_modules" node_modules
echo "deploy:toolset: $(node_modules/.bin/wrangler --version 2>/dev/null | tail -1 | tr -d '\n' || echo 'wrangler ?') installed in $(( ($(date +%s%N) - started) / 1000000 )) ms"
