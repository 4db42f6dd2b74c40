from . import video_webhooks
from . import followup_page
from . import approval
from . import api
from . import talent_pool_consent
from . import referral
from . import talent_invitation
