"""Weekly analysis results: per service per week figures, themes with stable ids, scores."""

from migrations import migrations


@migrations(name="002_weekly_analysis")
def weekly_analysis(db):
    """Create the tables the weekly run writes and the digest reads."""
    # The weekly run counts each week's responses across all services.
    db.execute("CREATE INDEX responses_time ON responses (submitted_at)")
    # A theme's id is its identity across weeks: staff rename it, link it and track it.
    db.execute(
        """
        CREATE TABLE themes (
            id INTEGER PRIMARY KEY,
            service_id INTEGER NOT NULL REFERENCES services(id),
            first_week TEXT NOT NULL,
            last_week TEXT NOT NULL,
            label TEXT NOT NULL,
            custom_label TEXT
        )
        """
    )
    db.execute("CREATE INDEX themes_service ON themes (service_id, first_week)")
    db.execute(
        """
        CREATE TABLE theme_weeks (
            theme_id INTEGER NOT NULL REFERENCES themes(id),
            service_id INTEGER NOT NULL REFERENCES services(id),
            week TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('new', 'continuing', 'faded')),
            label TEXT NOT NULL,
            keywords TEXT NOT NULL DEFAULT '[]',
            size INTEGER NOT NULL,
            share REAL NOT NULL,
            mean_sentiment REAL,
            mean_rating REAL,
            pct_satisfied REAL,
            examples TEXT NOT NULL DEFAULT '[]',
            previous_size INTEGER,
            previous_share REAL,
            PRIMARY KEY (theme_id, week)
        )
        """
    )
    db.execute("CREATE INDEX theme_weeks_service_week ON theme_weeks (service_id, week)")
    db.execute(
        """
        CREATE TABLE service_weeks (
            service_id INTEGER NOT NULL REFERENCES services(id),
            week TEXT NOT NULL,
            responses INTEGER NOT NULL,
            rating_1 INTEGER NOT NULL,
            rating_2 INTEGER NOT NULL,
            rating_3 INTEGER NOT NULL,
            rating_4 INTEGER NOT NULL,
            rating_5 INTEGER NOT NULL,
            pct_satisfied REAL,
            mean_rating REAL,
            comments INTEGER NOT NULL,
            mean_sentiment REAL,
            themes INTEGER NOT NULL,
            PRIMARY KEY (service_id, week)
        )
        """
    )
    db.execute(
        """
        CREATE TABLE response_analysis (
            response_id INTEGER PRIMARY KEY REFERENCES responses(id),
            service_id INTEGER NOT NULL REFERENCES services(id),
            week TEXT NOT NULL,
            sentiment REAL,
            theme_id INTEGER REFERENCES themes(id)
        )
        """
    )
    db.execute("CREATE INDEX response_analysis_week ON response_analysis (service_id, week)")
    db.execute("CREATE INDEX response_analysis_theme ON response_analysis (theme_id)")
    db.execute(
        """
        CREATE TABLE analysis_runs (
            id INTEGER PRIMARY KEY,
            week TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            services INTEGER NOT NULL,
            responses INTEGER NOT NULL,
            themes INTEGER NOT NULL,
            seconds REAL NOT NULL
        )
        """
    )
