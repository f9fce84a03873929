"""Start the lipmetrics app: ``python serve.py [streamlit options]`` (what ``make run`` does).

Streamlit treats a folder named ``pages/`` beside the entry point as its legacy multipage app until
the first ``st.navigation`` call switches that off. Until then the very first request of a fresh
server is served without app.py (and shows a "page not found" notice). Switching it off before the
server starts sends every request, the first one too, through app.py's navigation and sign-in.
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def main() -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(Path(__file__).with_name("app.py")), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
