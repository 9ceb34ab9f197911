"""The command line: `flask --app wsgi <command> --help` explains each command."""

from app.cli.analyse import analyse_command
from app.cli.backup import backup_command
from app.cli.demo import demo_command
from app.cli.digest import digest
from app.cli.migrate import migrate_command
from app.cli.retention import retention_command
from app.cli.services import services
from app.cli.tokens import tokens
from app.cli.users import users

COMMANDS = (
    migrate_command,
    services,
    users,
    demo_command,
    analyse_command,
    digest,
    retention_command,
    backup_command,
    tokens,
)


def init_app(app):
    """Register every command and command group on the app."""
    for command in COMMANDS:
        app.cli.add_command(command)
