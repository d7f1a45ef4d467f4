from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import django_filters
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import Q

from accounts import selectors
from accounts.models import Invitation
from roster.models import Agency, Membership, Officer, Role, School

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast("forms.ModelChoiceField", form.fields[name])


def _limit_scope_choices(form: forms.ModelForm, districts: Any) -> None:
    """Offer only the schools, agencies and officers of the user's districts."""
    agencies = Agency.objects.filter(
        Q(districts__in=districts) | Q(mous__district__in=districts)
    ).distinct()
    _choices(form, "school").queryset = School.objects.filter(district__in=districts)
    _choices(form, "agency").queryset = agencies
    _choices(form, "officer").queryset = Officer.objects.filter(
        Q(assignments__school__district__in=districts) | Q(agency__in=agencies)
    ).distinct()
    for name in ("school", "agency", "officer"):
        form.fields[name].required = False
        form.fields[name].help_text = {
            "school": "For a principal.",
            "agency": "For a police supervisor.",
            "officer": "For an officer: the person's own record.",
        }[name]


class InvitationForm(forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ("district", "email", "role", "school", "agency", "officer")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        districts = selectors.coordinated_districts(user=user)
        _choices(self, "district").queryset = districts
        if districts.count() == 1:
            self.fields["district"].initial = districts.first()
        _limit_scope_choices(self, districts)


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ("role", "school", "agency", "officer")

    reason = forms.CharField(
        required=False, max_length=500, help_text="Kept in the audit trail (optional)."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_scope_choices(self, [self.instance.district_id])

    def _post_clean(self) -> None:
        # The service checks the scope against the district and saves; the form only
        # reads the fields (no model validation on a half-changed instance).
        pass


class MembershipEndForm(forms.Form):
    reason = forms.CharField(
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Why the access ends. Kept in the audit trail.",
    )


class AcceptForm(forms.Form):
    """Like Django's SetPasswordForm, with the username the new account will have."""

    username = forms.CharField(
        max_length=150,
        validators=[UnicodeUsernameValidator()],
        help_text="You log in with this: letters, digits and @ . + - _ only.",
    )
    password1 = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="Password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["username"].initial = email

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That username is taken: choose another.")
        return username

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            user = get_user_model()(username=data.get("username", ""), email=self.email)
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class PeopleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label="Search (name, username or email)")
    role = django_filters.ChoiceFilter(choices=Role.choices, label="Role")
    is_active = django_filters.BooleanFilter(
        label="Access",
        widget=forms.Select(
            choices=[("", "Active or ended"), ("true", "Active"), ("false", "Ended")]
        ),
    )

    class Meta:
        model = Membership
        fields = ("q", "role", "is_active")

    def search(self, queryset: Any, name: str, value: str) -> Any:
        return queryset.filter(
            Q(user__username__icontains=value)
            | Q(user__email__icontains=value)
            | Q(user__first_name__icontains=value)
            | Q(user__last_name__icontains=value)
        )
