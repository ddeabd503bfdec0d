"""Public account URLs, on every host (namespace ``accounts``)."""

from django.urls import path

from .views import citizens, login

app_name = "accounts"

urlpatterns = [
    path("login/", login.LoginView.as_view(), name="login"),
    path("login/verify/", login.SecondFactorView.as_view(), name="second_factor"),
    path("logout/", login.logout_view, name="logout"),
    path("security/", login.SecurityView.as_view(), name="security"),
    path("register/", citizens.register, name="register"),
    path("register/captcha/", citizens.captcha_png, name="captcha"),
    path("cases/", citizens.cases, name="cases"),
]
