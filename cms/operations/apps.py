from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "cms.operations"
    label = "cms_operations"
    verbose_name = "运维"

    def ready(self):
        from django.core.signals import got_request_exception, request_finished, request_started

        from .request_id import begin_request, end_request
        from .unavailable import note_database_failure

        request_started.connect(begin_request, dispatch_uid="cms_operations_begin_request")
        request_finished.connect(end_request, dispatch_uid="cms_operations_end_request")
        got_request_exception.connect(note_database_failure, dispatch_uid="cms_operations_database_failure")
