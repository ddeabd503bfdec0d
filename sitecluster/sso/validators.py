"""The provider's claims: the local user's id as ``sub``, username as ``preferred_username``."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from .config import issuer


class ClusterOAuth2Validator(OAuth2Validator):
    oidc_claim_scope = {
        **OAuth2Validator.oidc_claim_scope,
        "preferred_username": "profile",
        "name": "profile",
        "email": "email",
    }

    def get_additional_claims(self, request):
        user = request.user
        return {
            "preferred_username": user.get_username(),
            "name": user.get_full_name() or user.get_username(),
            "email": user.email,
        }

    def get_oidc_issuer_endpoint(self, request):
        # One issuer whatever address the provider was reached at (public or back channel).
        return issuer()
