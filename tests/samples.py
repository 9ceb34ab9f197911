"""Comments on three obvious topics, shared by the tests that need a week of feedback."""

PARKING = [
    "The payment page crashed when I tried to pay for my permit",
    "Payment page kept crashing at the card details step",
    "Could not pay, the payment page crashed twice",
    "The payment screen crashed and I was charged twice",
]
PHONES = [
    "On hold for forty minutes before anyone answered the phone",
    "Waited on hold for an hour and then got cut off",
    "The phone line kept me on hold for ages",
    "Nobody answers the phone, I was on hold for 50 minutes",
]
STAFF = [
    "The registrar was kind and patient with us",
    "Lovely helpful staff member on the phone, very kind",
    "Staff were so kind and helpful, thank you",
    "The lady who helped me was patient and kind",
]
