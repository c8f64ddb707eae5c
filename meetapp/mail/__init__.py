"""Outgoing mail through a transactional outbox.

Areas call ``outbox.queue_messages`` inside the transaction of the change the mail reports, so a message exists
exactly when the change was committed; ``delivery.deliver_pending`` (``flask send-mail``, or a worker) sends them.
"""
