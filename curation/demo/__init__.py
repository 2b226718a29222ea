"""The demo archive that `manage.py load_demo` loads: content written for this project, and its loader.

Every document here is a demonstration record written for this project. The events around them are
real; the texts, their authors, the researchers credited and the archival references are invented, and
each record says so in its summary and rights statement. Real archival records (../shared/samples) are
for tests only and are never copied here.

Modules: `authorities` (people, places, subjects, collections, repositories, donors), one module of
documents per collection (`test_ban`, `berlin`, `east_asia`), `steps` (the workflow each record goes
through), `users` (the demo accounts and their stored passwords) and `loader` (which builds it all).
"""

DEMO_NOTE = (
    "This is a demonstration document written for this project, not a real archival record: its text, "
    "its correspondents and its archival reference are invented, set against real events."
)
DEMO_RIGHTS = (
    "Demonstration text written for this project and dedicated to the public domain (CC0 1.0). "
    "It is not a real archival record and must not be cited as one."
)
