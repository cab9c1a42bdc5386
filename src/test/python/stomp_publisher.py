"""Publishes restart requests and one poison message to Mayhem Mandrill over STOMP with stomp.py, and reads the
outcome events (topic mayhem.acks) and the dead letter (topic mayhem.deadletter) over STOMP too.

    python stomp_publisher.py HOST PORT TIMEOUT_SECONDS

Sends, one at a time, each waited for:
  text     a request as stomp.py sends a str by default: UTF-8 with a content-length header, so the broker
           makes it a BytesMessage
  json     the same with content-type application/json;charset=utf-8
  poison   a request whose bytes are ISO-8859-1, not UTF-8: its dead letter's reason must start "invalid UTF-8"
Prints "round_trip_ms <name> <ms> <outcome or reason>" per message and exits 0 only if every outcome event
(for the requests' message ids) and the dead letter (its payload names the poison's id) arrived within the
timeout; 1 otherwise, 2 on wrong arguments. Run by io.mayhem.system.PythonPublishersIT.
"""
import json
import sys
import threading
import time
import uuid

import stomp

import round_trips


class Frames(stomp.ConnectionListener):
    """Every MESSAGE and RECEIPT frame, for the main thread to wait on."""

    def __init__(self):
        self.changed = threading.Condition()
        self.messages = []
        self.receipts = set()
        self.errors = []

    def on_message(self, frame):
        with self.changed:
            self.messages.append((frame.headers.get("destination"), frame.body))
            self.changed.notify_all()

    def on_receipt(self, frame):
        with self.changed:
            self.receipts.add(frame.headers.get("receipt-id"))
            self.changed.notify_all()

    def on_error(self, frame):
        with self.changed:
            self.errors.append(frame.body)
            self.changed.notify_all()

    def wait_for(self, found, deadline):
        """found(self) once it is not None, or None at the deadline."""
        with self.changed:
            while True:
                result = found(self)
                if result is not None or time.monotonic() >= deadline:
                    return result
                self.changed.wait(deadline - time.monotonic())


def event_for(frames, topic, test):
    for destination, body in frames.messages:
        if destination == topic:
            event = json.loads(body)
            if test(event):
                return event
    return None


def main(host, port, timeout):
    deadline = time.monotonic() + timeout
    frames = Frames()
    connection = stomp.Connection([(host, port)])
    connection.set_listener("frames", frames)
    connection.connect(wait=True)
    for number, topic in enumerate(["/topic/mayhem.acks", "/topic/mayhem.deadletter"]):
        # a receipt: the subscription exists before anything is sent
        connection.subscribe(topic, id=str(number), ack="auto", headers={"receipt": topic})
        if frames.wait_for(lambda f, r=topic: True if r in f.receipts else None, deadline) is None:
            print("no receipt for the subscription to " + topic, file=sys.stderr)
            return 1
    ok = True
    for name, content_type in [("text", None), ("json", "application/json;charset=utf-8")]:
        message_id = str(uuid.uuid4())
        body = json.dumps({"message_id": message_id, "instance_name": "cattle-stomp"})
        started = time.monotonic()
        connection.send("/topic/mayhem.restarts", body, content_type=content_type, persistent="true")
        event = frames.wait_for(lambda f: event_for(f, "/topic/mayhem.acks",
                                                    lambda e: e.get("message_id") == message_id), deadline)
        ok = round_trips.outcome(name, message_id, event, started, timeout, "; errors: %s" % frames.errors) and ok
    poison_id = str(uuid.uuid4())
    poison = ('{"message_id": "%s", "instance_name": "cattle-stomp", "note": "caf\xe9"}' % poison_id).encode("iso-8859-1")
    started = time.monotonic()
    connection.send("/topic/mayhem.restarts", poison, persistent="true")
    letter = frames.wait_for(lambda f: event_for(f, "/topic/mayhem.deadletter",
                                                 lambda e: poison_id in e.get("payload", "")), deadline)
    ok = round_trips.dead_letter(poison_id, letter, "invalid UTF-8", started, timeout) and ok
    connection.disconnect()
    return 0 if ok else 1


if __name__ == "__main__":
    round_trips.run(main, __doc__)
