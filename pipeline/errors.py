"""Our exceptions. The CLI turns each into a one-line error with a hint."""


class PipelineError(Exception):
    "Base class of the errors the CLI reports in one line"

    hint: str = ""


class ConfigError(PipelineError):
    "A registry or settings file is invalid"

    hint = "Fix the file named above; see README.md, section 'Adding a source'."


class SchemaError(PipelineError):
    "The database was written by a newer version of the pipeline"

    hint = "Upgrade the pipeline, or point --db at another file."


class ExtractionError(PipelineError):
    "A document could not be turned into text"

    def __init__(self, error_class: str, message: str):
        super().__init__(message)
        self.error_class = error_class


class InstallError(PipelineError):
    "A module the project depends on is missing: the installation, not a document, is at fault"

    hint = ("Reinstall the project from pyproject.toml (`make install`, or `pip install -e .` "
            "in its environment), then run the same command again; what was stored is kept.")


class BackupError(PipelineError):
    "A backup could not be made"

    hint = "Check the --db and --to paths; the database itself was not changed."


class StorageError(PipelineError):
    "The database or the cache cannot be read or written (disk full, read-only, size limit)"

    hint = ("Free disk space or make the file and its folder writable, then run the same "
            "command again; what was stored before is kept.")
