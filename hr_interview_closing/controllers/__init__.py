from . import video_webhooks
from . import followup_page
