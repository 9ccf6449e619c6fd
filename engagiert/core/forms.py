from django.forms.renderers import TemplatesSetting


class KernFormRenderer(TemplatesSetting):
    """Render every form and field with KERN UX markup (see templates/components/)."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
