from django.contrib import admin

from awards.models import Award, Category, Edition, Winner


class EditionInline(admin.TabularInline):
    model = Edition
    extra = 0
    fields = ["year", "call_opens_at", "call_closes_at", "results_publish_at"]
    show_change_link = True


class CategoryInline(admin.StackedInline):
    model = Category
    extra = 0
    show_change_link = True
    prepopulated_fields = {"slug": ["name_en"]}


class WinnerInline(admin.StackedInline):
    model = Winner
    extra = 0
    prepopulated_fields = {"slug": ["names", "idea_title"]}


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["name_en", "code", "organiser"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [EditionInline]


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["award", "year", "call_opens_at", "call_closes_at", "results_publish_at"]
    list_filter = ["award"]
    list_select_related = ["award"]
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_en", "code", "edition", "call_opens_at", "call_closes_at"]
    list_filter = ["edition__award", "edition__year"]
    list_select_related = ["edition__award"]
    prepopulated_fields = {"slug": ["name_en"]}
    inlines = [WinnerInline]


@admin.register(Winner)
class WinnerAdmin(admin.ModelAdmin):
    list_display = ["names", "idea_title", "placement", "category", "publish_at"]
    list_filter = ["placement", "category__edition__year"]
    list_select_related = ["category__edition__award"]
    prepopulated_fields = {"slug": ["names", "idea_title"]}
