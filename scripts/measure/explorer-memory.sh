#!/usr/bin/env bash
# explorer-memory.sh BIN FILE [TEXT]: peak resident memory of the explorer
# once FILE is open and its search index built (TEXT, default "Themes", is
# on the screen and a search for "zzz" has answered, "No matches"), and the seconds that
# took. Runs BIN in tmux on a private socket at 120x40.
BIN="$1"; FILE="$2"; TEXT="${3:-Themes}"; S="mem$$"
t() { tmux -L "$S" "$@"; }
wait_for() { # text timeout
  local end=$(( $(date +%s) + $2 ))
  while ! t capture-pane -p -t m | grep -qF -- "$1"; do
    [ "$(date +%s)" -ge "$end" ] && { echo "timeout waiting for $1" >&2; return 1; }
    sleep 0.05
  done
}
start=$(date +%s.%N)
t -f /dev/null new-session -d -s m -x 120 -y 40 "$BIN $FILE"
pid=$(t list-panes -t m -F '#{pane_pid}')
wait_for "$TEXT" 300
t send-keys -t m / z z z
wait_for "No matches" 300
end=$(date +%s.%N)
echo "open and search: $(echo "$end - $start" | bc) s, peak $(grep VmHWM /proc/$pid/status | awk '{print $2, $3}')"
t kill-server
