from django.contrib import admin

from finals.models import PitchDay, PitchSlot, SlotRequest


class PitchSlotInline(admin.TabularInline):
    model = PitchSlot
    extra = 0
    fields = ["position", "entry", "starts_at", "ends_at", "sequence", "cancelled_at"]
    readonly_fields = fields


@admin.register(PitchDay)
class PitchDayAdmin(admin.ModelAdmin):
    list_display = ["round", "starts_at", "place", "slot_minutes"]
    list_select_related = ["round__category__edition__award"]
    raw_id_fields = ["round", "earlier_round"]
    inlines = [PitchSlotInline]


@admin.register(SlotRequest)
class SlotRequestAdmin(admin.ModelAdmin):
    list_display = ["slot", "requested_by", "status", "created_at"]
    list_filter = ["status"]
    readonly_fields = ["slot", "requested_by", "message", "created_at", "decided_at", "decided_by"]
