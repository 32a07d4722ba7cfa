#!/usr/bin/env bash
# explorer-paste.sh BIN: how long the explorer takes to draw a 240 KB
# bracketed paste into the search box, and the next key after it. Runs BIN
# in tmux on a private socket at 120x40 and polls the screen.
set -u
BIN="$1"; S="mp$$"
python3 -c "print('port '*48000, end='')" > /tmp/paste240k.txt
t() { tmux -L "$S" "$@"; }
t -f /dev/null new-session -d -s m -x 120 -y 40 "$BIN"
until t capture-pane -p -t m | grep -qF "Themes"; do sleep 0.05; done
t send-keys -t m /
until t capture-pane -p -t m | grep -qE '│/ {20,}│'; do sleep 0.05; done
t load-buffer /tmp/paste240k.txt
start=$(date +%s.%N)
t paste-buffer -p -t m
end_by=$(( $(date +%s) + 150 ))
until t capture-pane -p -t m | grep -qF "port port port"; do [ "$(date +%s)" -ge "$end_by" ] && { echo "not drawn in 150 s"; break; }; sleep 0.05; done
drawn=$(date +%s.%N)
t send-keys -t m C-u
until t capture-pane -p -t m | grep -qE '│/ {20,}│'; do [ "$(date +%s)" -ge "$end_by" ] && break; sleep 0.05; done
end=$(date +%s.%N)
echo "$BIN: paste drawn after $(echo "$drawn - $start" | bc) s; Ctrl-U drawn $(echo "$end - $drawn" | bc) s later"
t kill-server
