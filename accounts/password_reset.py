"""Password reset by email (Django's views), limited so it can't be used as a mail cannon.

Django's reset form already reveals nothing: an unknown address gets the same
"check your mail" page and no mail. What it lacks is a limit: anyone could make the
site mail an address over and over. Here each client address may ask a few times an
hour, and each email address receives at most a few reset mails an hour; past that
the request is still answered with the same page (nothing revealed) but no mail goes.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse_lazy

WINDOW_SECONDS = 60 * 60


def _over_limit(kind: str, value: str, limit: int) -> bool:
    key = "pwreset:" + kind + ":" + hashlib.sha256(value.lower().encode()).hexdigest()
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return count > limit


class LimitedPasswordResetView(auth_views.PasswordResetView):
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        address = self.request.META.get("REMOTE_ADDR", "")
        email = form.cleaned_data["email"]
        if _over_limit("ip", address, settings.PASSWORD_RESET_PER_IP_HOUR) or _over_limit(
            "email", email, settings.PASSWORD_RESET_PER_EMAIL_HOUR
        ):
            return super(auth_views.PasswordResetView, self).form_valid(form)
        return super().form_valid(form)
