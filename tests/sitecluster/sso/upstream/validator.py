from oauth2_provider.oauth2_validators import OAuth2Validator


class UpstreamValidator(OAuth2Validator):
    """Its own subject scheme ("prov-<pk>"), so a local user can never be matched by pk."""

    oidc_claim_scope = None  # every claim in every token

    def get_claim_dict(self, request):
        claims = super().get_claim_dict(request)
        claims["sub"] = f"prov-{request.user.pk}"
        return claims

    def get_additional_claims(self, request):
        return {
            "preferred_username": request.user.username,
            "name": request.user.first_name,
            "email": request.user.email,
        }
