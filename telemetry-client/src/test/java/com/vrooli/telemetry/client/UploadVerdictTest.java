package com.vrooli.telemetry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which answers judge a batch (it leaves the file) and which keep it for another try. */
class UploadVerdictTest {

    private static final String ACCEPTED = "{\"status\":\"accepted\",\"events_received\":3,\"events_stored\":3}";
    private static final String PARTIAL = "{\"status\":\"partial\",\"events_received\":3,\"events_stored\":2,"
            + "\"events_rejected\":1,\"errors\":[{\"index\":1,\"error\":\"event is required\"}]}";
    private static final String REJECTED = "{\"status\":\"rejected\",\"events_received\":3,\"events_stored\":0,"
            + "\"events_rejected\":3,\"errors\":[{\"index\":0,\"error\":\"bad scenario\"}]}";
    private static final String ERROR = "{\"status\":\"error\",\"error\":\"try again later\"}";
    private static final String HTML = "<html><body>Sign in to the hotel Wi-Fi</body></html>";

    private static UploadVerdict verdict(int status, String body) {
        return UploadVerdict.of(status, body.getBytes(StandardCharsets.UTF_8), 3);
    }

    @Test
    void ourAcceptedAndPartialAnswersJudgeTheBatch() {
        UploadAnswer all = ((UploadVerdict.Judged) verdict(200, ACCEPTED)).answer();
        assertEquals(new UploadAnswer(3, 0, 0, null), all);
        UploadAnswer some = ((UploadVerdict.Judged) verdict(200, PARTIAL)).answer();
        assertEquals(new UploadAnswer(2, 0, 1, "event is required"), some);
    }

    @Test
    void ourRejectedAnswerToA400JudgesTheBatch() {
        UploadAnswer none = ((UploadVerdict.Judged) verdict(400, REJECTED)).answer();
        assertEquals(3, none.rejected());
        assertEquals(0, none.stored());
        UploadAnswer bare = ((UploadVerdict.Judged) verdict(400, "{\"status\":\"rejected\"}")).answer();
        assertEquals(3, bare.rejected(), "a rejected answer without counts rejects the whole batch");
    }

    @ParameterizedTest(name = "HTTP {0} with {1}: kept for another try")
    @CsvSource(delimiter = '|', value = {
        "400|ERROR", "400|HTML", "400|EMPTY", "401|ERROR", "403|ERROR", "404|HTML", "404|REJECTED",
        "408|ERROR", "415|ERROR", "422|ERROR", "429|ERROR", "500|ERROR", "501|ERROR", "502|HTML",
        "503|ERROR", "504|HTML", "505|ERROR", "200|HTML", "200|ERROR", "200|REJECTED", "200|EMPTY",
        "204|EMPTY", "301|HTML", "302|ACCEPTED", "500|ACCEPTED"
    })
    void everyOtherAnswerKeepsTheBatch(int status, String body) {
        String text = switch (body) {
            case "ERROR" -> ERROR;
            case "HTML" -> HTML;
            case "REJECTED" -> REJECTED;
            case "ACCEPTED" -> ACCEPTED;
            default -> "";
        };
        assertInstanceOf(UploadVerdict.Retry.class, verdict(status, text));
    }

    @Test
    void a413AsksForSmallerBatchesWhateverItsBody() {
        assertEquals(new UploadVerdict.Split(true), verdict(413, ERROR));
        assertEquals(new UploadVerdict.Split(false), verdict(413, HTML));
        assertEquals(new UploadVerdict.Split(false), verdict(413, ""));
    }

    @Test
    void theReasonOfARetryNamesTheStatusAndTheServersError() {
        assertEquals("HTTP 401: try again later", ((UploadVerdict.Retry) verdict(401, ERROR)).why());
        assertEquals("HTTP 502", ((UploadVerdict.Retry) verdict(502, HTML)).why());
    }
}
