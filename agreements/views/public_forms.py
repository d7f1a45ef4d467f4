from __future__ import annotations

import secrets

from django import forms
from django.utils.translation import gettext_lazy as _

from agreements.services.comments import MAX_LENGTH


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
        help_text=_(
            "Do not write your name or anything else that says who you are: comments are "
            "kept without a name, an address or a time."
        ),
        error_messages={
            "required": _("Write your comment before sending it."),
            "max_length": _("A comment can be at most %(limit_value)d characters long."),
        },
    )
    # A random token per form shown, so a double click stores one comment
    # (agreements/views/public_comments.py). It is never stored with the comment.
    once = forms.CharField(
        required=False,
        max_length=64,
        widget=forms.HiddenInput,
        initial=lambda: secrets.token_urlsafe(16),
    )
