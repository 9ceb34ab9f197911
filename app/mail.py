"""Sending email over SMTP: one connection per run, failures turned into plain-words reasons."""

import smtplib
import ssl


class MailError(Exception):
    """An email could not be handed to the mail server; the message says why in plain words."""


class Mailer:
    """One SMTP connection per run: opened on the first send, dropped after a broken one.

    Once the server cannot be reached, later sends in the same run fail at once with the same
    reason rather than each waiting out the timeout; all of them are retried on the next run.
    """

    def __init__(self, config):
        self.config = config
        self._smtp = None
        self._unreachable = None

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        self.close()

    def send(self, message):
        """Hand one message to the server; raises MailError with the reason if it fails."""
        if self._unreachable:
            raise MailError(self._unreachable)
        if self._smtp is None:
            self._smtp = self._connect()
        try:
            self._smtp.send_message(message)
        except smtplib.SMTPRecipientsRefused as error:
            # smtplib resets the transaction, so the connection is fine for the next person.
            raise MailError(_refused(error)) from error
        except smtplib.SMTPResponseException as error:
            if error.smtp_code == 421:  # the server is closing the connection
                self.close()
            raise MailError(f"The mail server did not accept the email: {_said(error)}") from error
        except (OSError, smtplib.SMTPException) as error:
            self.close()
            raise MailError(f"The connection to the mail server failed: {_plain(error)}") from error

    def close(self):
        """Say goodbye to the server, if connected."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def _connect(self):
        config = self.config
        host, port = config["MAIL_SERVER"], int(config["MAIL_PORT"])
        timeout = config["MAIL_TIMEOUT"]
        smtp = None
        try:
            if config.get("MAIL_USE_SSL"):
                context = ssl.create_default_context()
                smtp = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
            else:
                smtp = smtplib.SMTP(host, port, timeout=timeout)
                if config.get("MAIL_USE_TLS"):
                    smtp.starttls(context=ssl.create_default_context())
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
        except smtplib.SMTPAuthenticationError as error:
            _close_quietly(smtp)
            self._unreachable = f"The mail server refused the MAIL_USERNAME login: {_said(error)}"
            raise MailError(self._unreachable) from error
        except (OSError, smtplib.SMTPException) as error:
            _close_quietly(smtp)
            self._unreachable = (
                f"Could not connect to the mail server {host}:{port}: {_plain(error)}"
            )
            raise MailError(self._unreachable) from error
        return smtp


def describe_error(error):
    """A one-line reason for a failed send, for the record and the report (never the body)."""
    if isinstance(error, MailError):
        return str(error)
    return f"Could not build the email: {_plain(error)}"


def _close_quietly(smtp):
    if smtp is not None:
        try:
            smtp.close()
        except OSError:
            pass


def _refused(error):
    reasons = [f"{code} {_decode(text)}" for code, text in error.recipients.values()]
    return "The mail server refused the address: " + "; ".join(reasons)


def _said(error):
    return f"{error.smtp_code} {_decode(error.smtp_error)}"


def _decode(text):
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(str(text).split())


def _plain(error):
    return f"{type(error).__name__}: {' '.join(str(error).split())}"
