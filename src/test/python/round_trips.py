"""What both publishers (stomp_publisher.py, amqp_publisher.py) print about each round trip, and how they are run:

    python stomp_publisher.py HOST PORT TIMEOUT_SECONDS

Each line is "round_trip_ms <name> <ms> <outcome or reason>", or says what did not come within the timeout.
"""
import sys
import time


def _elapsed_ms(started):
    return (time.monotonic() - started) * 1000


def outcome(name, message_id, event, started, timeout, detail=""):
    """Prints the round trip of a request to its outcome event; False (saying so) when none came in time."""
    if event is None:
        print("no outcome event for %s (%s) within %s s%s" % (message_id, name, timeout, detail))
        return False
    print("round_trip_ms %s %.1f %s" % (name, _elapsed_ms(started), event["outcome"]))
    return True


def dead_letter(poison_id, letter, reason, started, timeout):
    """Prints the round trip of the poison to its dead letter; False (saying so) when none came in time or its
    reason does not start with the one expected."""
    if letter is None:
        print("no dead letter for the poison %s within %s s" % (poison_id, timeout))
        return False
    if not letter["reason"].startswith(reason):
        print("dead letter with an unexpected reason: %s" % letter["reason"])
        return False
    print("round_trip_ms poison %.1f %s" % (_elapsed_ms(started), letter["reason"]))
    return True


def run(main, usage):
    """Calls main(host, port, timeout) with the command line's arguments and exits with its status; 2 (printing
    the usage) when they are not three."""
    if len(sys.argv) != 4:
        print(usage, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
