"""The app's own web routes, served beside Streamlit's by serve.py (README "Accounts, roles and
sign-in"): ``web.cookies`` signs and checks the session cookie and the forms' CSRF tokens,
``web.routes`` answers sign-in and sign-out. It imports neither ``ui`` nor ``pages``."""
