"""The test client, signing people in the way a finished sign-in leaves them."""

import time

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.account.internal.flows.login import _AUTHENTICATION_METHODS_USER_SESSION_KEY
from allauth.account.internal.userkit import user_id_to_str
from allauth.mfa.models import Authenticator
from django.test import Client


class LaurelClient(Client):
    def force_login(self, user, backend=None, *, mfa: bool = True):
        """Signed in as after the whole sign-in: someone with an authenticator has also typed its
        code in this session, as allauth's second step records it. `mfa=False` leaves a session
        that signed in with the password only (what the admin's own form used to make)."""
        super().force_login(user, backend)
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if mfa and authenticator is not None:
            session = self.session
            session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "mfa", "at": time.time(), "id": authenticator.pk, "type": "totp"}
            ]
            session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
            session.save()
