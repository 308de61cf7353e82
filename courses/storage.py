"""Upload names nobody can guess (see courses.files for who may fetch them)."""

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage


class UnguessableStorage(FileSystemStorage):
    """Puts every upload in a directory named by 128 random bits, so an id or
    a file name is not enough to find a file: `documents/rutine.pdf` is
    stored as `documents/<token>/rutine.pdf`. Downloads keep their name."""

    def generate_filename(self, filename):
        dirname, basename = posixpath.split(super().generate_filename(filename))
        return posixpath.join(dirname, secrets.token_urlsafe(16), basename)
