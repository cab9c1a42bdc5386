#!/bin/bash
# Stands in for a real restart command in io.mayhem.restart.CommandHostRestarterTest (run as "bash restart-host.sh",
# never through a shell of the service's). The "hosts" are FakeHost processes, each serving its pid on a loopback port.
#
# usage: restart-host.sh STATE_DIR MODE INSTANCE_NAME [more arguments]
#   restart  kill the host whose pid is in STATE_DIR/INSTANCE_NAME.pid, wait until it is gone, start a new one with
#            STATE_DIR/INSTANCE_NAME.start (in a session of its own, as a daemon would be), wait until it serves
#            (it writes a line into the FIFO STATE_DIR/INSTANCE_NAME.ready once it listens), exit 0
#   fail     write more than 1 KiB to standard error, exit 3
#   hang     start two children that never end, write "SCRIPT_PID CHILD_PID CHILD_PID" to STATE_DIR/hang.pids, wait
#   args     write every argument, each ended by a NUL byte, to STATE_DIR/args, exit 0
set -u
dir=$1
mode=$2
name=$3
case "$mode" in
    restart)
        old=$(cat "$dir/$name.pid")
        kill "$old"
        tail --pid="$old" -f /dev/null
        rm -f "$dir/$name.ready"
        mkfifo "$dir/$name.ready"
        setsid bash "$dir/$name.start" </dev/null >/dev/null 2>&1 &
        read -r line < "$dir/$name.ready"
        echo "restarted $name: $line" >&2
        ;;
    fail)
        for i in $(seq 1 100); do
            echo "noise line $i of what the command wrote before it failed" >&2
        done
        printf 'Failed to restart app.service: Unit app.service not found.\n\ttab and \033[31mescape\033[0m\n' >&2
        exit 3
        ;;
    hang)
        sleep 600 &
        first=$!
        sleep 601 &
        second=$!
        echo "$$ $first $second" > "$dir/hang.pids"
        wait
        ;;
    args)
        printf '%s\0' "$@" > "$dir/args"
        ;;
    *)
        echo "unknown mode $mode" >&2
        exit 2
        ;;
esac
