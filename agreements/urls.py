from __future__ import annotations

from agreements.urls_public import urlpatterns as public_urlpatterns
from agreements.urls_staff import urlpatterns as staff_urlpatterns

app_name = "agreements"
urlpatterns = [*staff_urlpatterns, *public_urlpatterns]
