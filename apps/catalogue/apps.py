from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class CatalogueConfig(AppConfig):
    name = "apps.catalogue"
    label = "catalogue"

    def ready(self) -> None:
        from apps.catalogue.models import AIModel, Licence, Offer, Provider
        from apps.catalogue.summary import (
            licence_saved,
            model_saved,
            offer_changed,
            provider_saved,
        )

        post_save.connect(offer_changed, sender=Offer, dispatch_uid="catalogue-offer-saved")
        post_delete.connect(offer_changed, sender=Offer, dispatch_uid="catalogue-offer-deleted")
        post_save.connect(model_saved, sender=AIModel, dispatch_uid="catalogue-model-saved")
        post_save.connect(licence_saved, sender=Licence, dispatch_uid="catalogue-licence-saved")
        post_save.connect(provider_saved, sender=Provider, dispatch_uid="catalogue-provider-saved")
