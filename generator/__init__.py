"""mi-course: YAML exercise banks on Motivational Interviewing to a static MkDocs + Material site."""
__version__ = "0.1.0"
