"""A filled-in sample form (fictitious person) for `counter-app form sample` and tests."""

from __future__ import annotations

from counter_app.forms.data import GuardianBlock, RegistrationFormData

# Fictitious but valid GB 11643 numbers (MOD 11-2 check character), region 110105.
SAMPLE_CHILD_ID = "110105202001010015"  # born 2020-01-01, sequence 001 (odd: male)
SAMPLE_GUARDIAN_ID = "110105198808080031"


def sample_photo_jpeg(width: int = 358, height: int = 441) -> bytes:
    """A synthetic 26x32 mm photo at 350 dpi: light gradient with a grey head shape."""
    import cv2  # imported here so importing the forms package stays light
    import numpy as np

    column = np.linspace(250, 200, height, dtype=np.uint8)[:, None]
    image = np.repeat(np.repeat(column, width, axis=1)[:, :, None], 3, axis=2)
    cv2.ellipse(image, (width // 2, height * 2 // 5), (width // 4, height // 4), 0, 0, 360, (150, 150, 150), -1)
    ok, encoded = cv2.imencode(".jpg", image, [cv2.IMWRITE_JPEG_QUALITY, 70])
    if not ok:
        raise RuntimeError("could not encode the sample photo")
    return encoded.tobytes()


def sample_form_data(*, with_photo: bool = True) -> RegistrationFormData:
    return RegistrationFormData(
        application_number="SC001-20261122-0001",
        business_type="新生儿参保申领",
        name="王䶮𠮷",  # CJK Ext A (䶮) and Ext B (𠮷): the hard cases for fonts
        pinyin="WANG YANJI",
        sex="男",
        ethnicity="汉族",
        nationality="中国（CHN）",
        id_type="居民户口簿",
        id_number=SAMPLE_CHILD_ID,
        id_valid_until="长期",
        birth_date="2020-01-01",
        occupation="学龄前儿童",
        phone="13800138000",
        household_address="北京市朝阳区建国路88号院3号楼2单元501室",
        residence_address="北京市朝阳区建国路88号院3号楼2单元501室",
        mailing_address="",
        guardian=GuardianBlock(
            name="王建国",
            relation="父子",
            id_type="居民身份证",
            id_number=SAMPLE_GUARDIAN_ID,
            phone="13900139000",
        ),
        presenter_label="监护人",
        materials=("居民户口簿", "出生医学证明", "监护人居民身份证", "照片回执"),
        photo_jpeg=sample_photo_jpeg() if with_photo else None,
        photo_receipt_number="" if with_photo else "ZP20261122-0001",
        site_name="朝阳区社会保障服务中心第3窗口",
        operator_name="李敏",
        date="2026-11-22",
    )
