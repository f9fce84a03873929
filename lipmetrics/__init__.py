"""lipmetrics: the shared-measurement dashboard for Local Immigration Partnerships.

This package holds the domain logic (importers, parsers, progress, charts, the database layer and
the command line). It never imports streamlit: the Streamlit app in ``app.py`` and ``pages/`` calls it.
"""

__version__ = "0.1.0"
