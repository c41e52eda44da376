from django.db import models


class Centre(models.Model):
    """A service centre (便民服务中心): the district hall, or a township's or sub-district's."""

    unit = models.ForeignKey("org.Unit", verbose_name="所属单位", on_delete=models.PROTECT,
                             related_name="service_centres")
    name = models.CharField("名称", max_length=100, unique=True)
    address = models.CharField("地址", max_length=200)
    phone = models.CharField("咨询电话", max_length=40, blank=True)
    opening_hours = models.CharField(
        "办公时间", max_length=200,
        help_text="如：周一至周五 8:30—12:00，14:30—17:30（法定节假日除外）",
    )
    head = models.ForeignKey(
        "org.Person", verbose_name="中心负责人", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text="群众差评生成的整改事项，由其作为责任领导。",
    )
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "便民服务中心"
        verbose_name_plural = "便民服务中心"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


class Window(models.Model):
    centre = models.ForeignKey(Centre, verbose_name="服务中心", on_delete=models.CASCADE,
                               related_name="windows")
    number = models.PositiveSmallIntegerField("窗口号")
    name = models.CharField("窗口名称", max_length=60)
    staff = models.ManyToManyField("org.Person", verbose_name="在岗人员", blank=True,
                                   related_name="service_windows")

    class Meta:
        verbose_name = "服务窗口"
        verbose_name_plural = "服务窗口"
        ordering = ["centre_id", "number"]
        constraints = [models.UniqueConstraint(fields=["centre", "number"], name="window_once")]

    def __str__(self):
        return f"{self.number}号窗口 {self.name}"
