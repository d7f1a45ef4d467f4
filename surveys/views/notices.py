"""Parents' notice pages, open to anyone holding the notice's address (no login).

In the reader's language (``/public/`` pages follow the language switch and the
browser's Accept-Language). The opt-out form posts, then redirects to a page that
says it was received (so Back never posts again) and that names nobody: the
child's name never travels in an address, where logs would keep it.
"""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from core.dates import today
from core.errors import ApplicationError
from roster.models import School
from surveys.models import Language, ParentNotice
from surveys.notice_letter import NoticeLetterRenderer
from surveys.selectors.notices import NoticeContent, notice_by_token, notice_content
from surveys.services.notices import opt_out_record


class OptOutForm(forms.Form):
    child_name = forms.CharField(
        label=_("Your child's full name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    school = forms.ModelChoiceField(
        label=_("School"), queryset=School.objects.none(), empty_label=_("Choose the school")
    )
    grade = forms.CharField(
        label=_("Grade or class"),
        max_length=40,
        help_text=_("For example: 7th grade, or Ms. Lopez's class."),
    )

    def __init__(self, *args, schools: list[School], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["school"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = School.objects.filter(pk__in=[s.pk for s in schools]).order_by("name")
        field.error_messages["invalid_choice"] = _("Choose one of the schools in the list.")


def _language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in Language.values else "en"


def _notice(token: str) -> ParentNotice:
    notice = notice_by_token(token=token)
    if notice is None:
        raise Http404("No such notice.")
    return notice


def _page(
    request: HttpRequest, content: NoticeContent, form: OptOutForm, *, status: int = 200
) -> HttpResponse:
    token = content.notice.token
    return render(
        request,
        "surveys/notices/notice.html",
        {
            "content": content,
            "form": form,
            "open_for_opt_outs": content.is_open_for_opt_outs(today()),
            "letter_url": reverse("parent-notice:letter", kwargs={"token": token}),
            # After a refused post the switch must lead back to the page, not the post.
            "language_switch_next": reverse("parent-notice:page", kwargs={"token": token}),
        },
        status=status,
    )


@never_cache
@require_GET
def notice_page(request: HttpRequest, token: str) -> HttpResponse:
    content = notice_content(notice=_notice(token), language=_language())
    return _page(request, content, OptOutForm(schools=content.schools))


@never_cache
@require_POST
def notice_opt_out(request: HttpRequest, token: str) -> HttpResponse:
    content = notice_content(notice=_notice(token), language=_language())
    form = OptOutForm(request.POST, schools=content.schools)
    if form.is_valid():
        data = form.cleaned_data
        try:
            opt_out_record(
                notice=content.notice,
                school=data["school"],
                child_name=data["child_name"],
                grade=data["grade"],
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("parent-notice:opted-out", token=token)
    return _page(request, content, form, status=400)


@never_cache
@require_GET
def notice_opted_out(request: HttpRequest, token: str) -> HttpResponse:
    content = notice_content(notice=_notice(token), language=_language())
    return render(request, "surveys/notices/opted_out.html", {"content": content})


@require_GET
def notice_letter(request: HttpRequest, token: str) -> HttpResponse:
    """The printable letter: English then Spanish, each with the page's address and QR."""
    notice = _notice(token)
    url = request.build_absolute_uri(reverse("parent-notice:page", kwargs={"token": token}))
    body = NoticeLetterRenderer(
        contents=[notice_content(notice=notice, language=lang) for lang in Language.values],
        page_url=url,
    ).render()
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="parents-notice.pdf"'
    return response
