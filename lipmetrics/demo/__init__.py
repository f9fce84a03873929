"""The bundled demo: plans, accounts and illustrative figures."""

from lipmetrics.demo.plans import (
    DEMO_ACCOUNTS,
    DEMO_PLANS,
    is_demo_database,
    load_demo,
    load_demo_accounts,
)

__all__ = ["DEMO_ACCOUNTS", "DEMO_PLANS", "is_demo_database", "load_demo", "load_demo_accounts"]
