"""Sending the weekly digest: who is due for a week, one email each, and a record of each send."""

from dataclasses import dataclass, field

from app.digest.email import build_message, service_digest
from app.mail import Mailer, describe_error
from app.store import (
    digest_email_records,
    digest_recipients,
    record_digest_failed,
    record_digest_sent,
)


@dataclass
class SendPlan:
    """Everyone who gets a week's digest, what was already sent, and each service's Digest."""

    db: object
    week: object
    recipients: list
    records: dict
    digests: dict = field(default_factory=dict)  # service id -> Digest, shared by its readers

    def digests_for(self, recipient):
        """The recipient's digests, one per service, each built once for everyone."""
        for service in recipient.services:
            if service.id not in self.digests:
                self.digests[service.id] = service_digest(self.db, service, self.week)
        return [self.digests[s.id] for s in recipient.services]

    def status(self, recipient):
        """'sent', 'failed' or None for a recipient this week."""
        record = self.records.get(recipient.user_id)
        return record["status"] if record else None

    @property
    def pending(self):
        """Recipients not yet sent this week's digest (new ones and failed ones)."""
        return [r for r in self.recipients if self.status(r) != "sent"]

    @property
    def not_analysed(self):
        """Slugs of the services whose week has responses but no analysis yet."""
        return sorted(d.service.slug for d in self.digests.values() if d.state == "not_analysed")


def plan_send(db, week):
    """Read who is due for the week's digest and build the digests the pending ones need."""
    plan = SendPlan(db, week, digest_recipients(db), digest_email_records(db, week))
    for recipient in plan.pending:
        plan.digests_for(recipient)
    return plan


def send_pending(plan, config, on_recipient=None):
    """Email each pending recipient; returns (sent, [(email, reason)]). Each outcome is recorded,
    so a failed send is retried on the next run and a sent one is never sent again.

    on_recipient(recipient, reason, done, total) is called after each, reason None when sent.
    """
    sent, failures = 0, []
    pending = plan.pending
    with Mailer(config) as mailer:
        for done, recipient in enumerate(pending, 1):
            reason = None
            try:
                mailer.send(build_message(recipient, plan.week, plan.digests_for(recipient)))
            except Exception as error:  # any failure is recorded and retried
                reason = describe_error(error)
                record_digest_failed(plan.db, recipient.user_id, plan.week, reason)
                failures.append((recipient.email, reason))
            else:
                record_digest_sent(plan.db, recipient.user_id, plan.week)
                sent += 1
            if on_recipient:
                on_recipient(recipient, reason, done, len(pending))
    return sent, failures
