from django.dispatch import Signal

#: Sent after an import changed the registry (bulk writes send no per-row signals).
registry_imported = Signal()
