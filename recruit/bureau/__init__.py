"""The bureau's pages: reviews, events, seekers, staff accounts and the audit log.

Each views module registers its routes on `recruit.bureau.views.bp`; importing them here means that importing
`recruit.bureau.views` (which first runs this file) registers every route.
"""
from recruit.bureau import audit_views  # noqa: F401
from recruit.bureau import event_views  # noqa: F401
from recruit.bureau import review_views  # noqa: F401
from recruit.bureau import seeker_views  # noqa: F401
from recruit.bureau import staff_views  # noqa: F401
