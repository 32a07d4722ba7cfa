#!/usr/bin/env bash
# explorer-pageup.sh BIN: how long PageUp takes in the statement pane of a
# 100,000-paragraph statement (three presses from the end). Runs BIN in tmux
# on a private socket at 120x40 and polls the screen.
BIN="$1"; S="meas$$"
t() { tmux -L "$S" "$@"; }
wait_for() { # text timeout
  local end=$(( $(date +%s) + $2 ))
  while ! t capture-pane -p -t m | grep -qF -- "$1"; do
    [ "$(date +%s)" -ge "$end" ] && { echo "timeout waiting for $1" >&2; return 1; }
    sleep 0.05
  done
}
# 5: PageUp with 100,000 paragraphs
python3 -c "
import sys
out=['Harbour plan','']
for i in range(100000): out += [f'The town will dredge berth {i}.','']
open('/tmp/para100k.txt','w').write('\n'.join(out))
"
t -f /dev/null new-session -d -s m -x 120 -y 40 "$BIN /tmp/para100k.txt"
wait_for "Themes" 60
t send-keys -t m Tab
sleep 0.5
t send-keys -t m G
wait_for "100000/100000" 120
for k in 1 2 3; do
  before=$(t capture-pane -p -t m | md5sum)
  start=$(date +%s.%N)
  t send-keys -t m PPage
  while [ "$(t capture-pane -p -t m | md5sum)" = "$before" ]; do
    sleep 0.02
    [ $(echo "$(date +%s.%N) - $start > 120" | bc) = 1 ] && break
  done
  end=$(date +%s.%N)
  echo "PageUp $k: $(echo "$end - $start" | bc) s"
done
t kill-server
