/* A stand-in for a vendor's termb SDK: same C interface, one GBK-encoded card.
   CARD_PRESENT=0 in the environment means no card on the reader. */
#include <stdlib.h>
#include <string.h>

static int copy(char *out, int *len, const char *value) {
    int n = (int)strlen(value);
    if (n >= *len) return 0;
    memcpy(out, value, n + 1);
    *len = n;
    return 1;
}

int CVR_InitComm(int port) {  /* READER_UNPLUGGED=1: no port answers */
    const char *unplugged = getenv("READER_UNPLUGGED");
    return unplugged && strcmp(unplugged, "1") == 0 ? 0 : port == 1001 ? 1 : 0;
}
int CVR_CloseComm(void) { return 1; }
int CVR_Authenticate(void) {
    const char *present = getenv("CARD_PRESENT");
    return present && strcmp(present, "0") == 0 ? 0 : 1;
}
int CVR_Read_Content(int active) { return active == 1 ? 1 : 0; }
/* 王建国, 男, 汉, 北京市朝阳区 in GBK */
int GetPeopleName(char *s, int *n) { return copy(s, n, "\xcd\xf5\xbd\xa8\xb9\xfa"); }
int GetPeopleIDCode(char *s, int *n) { return copy(s, n, "11010519491231002X"); }
int GetPeopleSex(char *s, int *n) { return copy(s, n, "\xc5\xae"); }
int GetPeopleNation(char *s, int *n) { return copy(s, n, "\xba\xba"); }
int GetPeopleBirthday(char *s, int *n) { return copy(s, n, "19491231"); }
int GetPeopleAddress(char *s, int *n) {
    return copy(s, n, "\xb1\xb1\xbe\xa9\xca\xd0\xb3\xaf\xd1\xf4\xc7\xf8");
}
int GetStartDate(char *s, int *n) { return copy(s, n, "20150601"); }
int GetEndDate(char *s, int *n) { return copy(s, n, "\xb3\xa4\xc6\xda"); }
