"""Publishes restart requests and one poison message to Mayhem Mandrill over AMQP 1.0 with python-qpid-proton,
and reads the outcome events (topic mayhem.acks) and the dead letter (topic mayhem.deadletter) over AMQP too.

    python amqp_publisher.py HOST PORT TIMEOUT_SECONDS

Sends, one at a time, each waited for (durable, to the address topic://mayhem.restarts):
  text     a request as a str body, proton's default: an AmqpValue string, which the broker makes a TextMessage
  bytes    the same as a bytes body (an AmqpValue of binary): a BytesMessage
  poison   a request whose instance_name is not a host label, as a Data section without a content type (a
           BytesMessage too): its dead letter's reason must start "instance_name is not a host label"
Prints "round_trip_ms <name> <ms> <outcome or reason>" per message and exits 0 only if every outcome event
(for the requests' message ids) and the dead letter (its payload names the poison's id) arrived within the
timeout; 1 otherwise, 2 on wrong arguments. Run by io.mayhem.system.PythonPublishersIT.
"""
import json
import time
import uuid

from proton import Message
from proton.utils import BlockingConnection

import round_trips


def wait_for(receiver, test, deadline):
    """The first message on the receiver whose JSON body passes the test, or None at the deadline."""
    while time.monotonic() < deadline:
        try:
            message = receiver.receive(timeout=max(0.01, deadline - time.monotonic()))
        except Exception as timeout:  # proton.Timeout
            if time.monotonic() >= deadline:
                return None
            raise timeout
        receiver.accept()
        event = json.loads(message.body)
        if test(event):
            return event
    return None


def main(host, port, timeout):
    deadline = time.monotonic() + timeout
    connection = BlockingConnection("amqp://%s:%d" % (host, port), timeout=timeout)
    # each receiver is attached (its subscription exists) before anything is sent
    acks = connection.create_receiver("topic://mayhem.acks", credit=100)
    dead_letters = connection.create_receiver("topic://mayhem.deadletter", credit=100)
    sender = connection.create_sender("topic://mayhem.restarts")
    ok = True
    for name, as_bytes in [("text", False), ("bytes", True)]:
        message_id = str(uuid.uuid4())
        body = json.dumps({"message_id": message_id, "instance_name": "cattle-amqp"})
        started = time.monotonic()
        sender.send(Message(body=body.encode("utf-8") if as_bytes else body, durable=True))
        event = wait_for(acks, lambda e: e.get("message_id") == message_id, deadline)
        ok = round_trips.outcome(name, message_id, event, started, timeout) and ok
    poison_id = str(uuid.uuid4())
    poison = json.dumps({"message_id": poison_id, "instance_name": "cattle amqp"}).encode("utf-8")
    started = time.monotonic()
    sender.send(Message(body=poison, inferred=True, durable=True))
    letter = wait_for(dead_letters, lambda e: poison_id in e.get("payload", ""), deadline)
    ok = round_trips.dead_letter(poison_id, letter, "instance_name is not a host label", started, timeout) and ok
    connection.close()
    return 0 if ok else 1


if __name__ == "__main__":
    round_trips.run(main, __doc__)
