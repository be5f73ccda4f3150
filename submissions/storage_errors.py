"""What a file storage raises when it is away: S3 (botocore, boto3) and local disk."""

from boto3.exceptions import Boto3Error
from botocore.exceptions import BotoCoreError, ClientError

# OSError: a local disk that is full, read-only or gone.
STORAGE_ERRORS: tuple[type[BaseException], ...] = (BotoCoreError, ClientError, Boto3Error, OSError)
# Without OSError, which means too many other things to be read as "storage is away" when it
# reaches the top of a request.
REMOTE_STORAGE_ERRORS: tuple[type[BaseException], ...] = (BotoCoreError, ClientError, Boto3Error)
