from . import video_webhooks
