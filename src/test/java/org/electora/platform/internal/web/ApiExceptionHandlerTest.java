package org.electora.platform.internal.web;

import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A transaction the database gave up (a deadlock or a serialisation failure) is a 409 that tells the sender to send
 * again, not a 500: nothing of it was written.
 */
class ApiExceptionHandlerTest {

    @Test
    void aDeadlockOrSerialisationFailureIsA409ToSendAgain() {
        // What Spring makes of PostgreSQL's 40P01 and 40001, as the JDBC layer translates them.
        var translator = new SQLExceptionSubclassTranslator();
        for (String state : new String[] {"40P01", "40001"}) {
            var translated = translator.translate("write", "UPDATE …", new SQLTransactionRollbackException("gave way", state));
            assertThat(translated).as(state).isInstanceOf(PessimisticLockingFailureException.class);
            var answer = new ApiExceptionHandler().gaveWay((PessimisticLockingFailureException) translated);
            assertThat(answer.getStatusCode().value()).isEqualTo(409);
            assertThat(answer.getBody().getProperties()).containsEntry("ruleCode", "GEN-409");
            assertThat(answer.getBody().getDetail()).contains("nothing of this request was written", "send it again");
        }
        assertThat(new ApiExceptionHandler().gaveWay(new CannotAcquireLockException("lock timeout")).getStatusCode().value())
                .isEqualTo(409);
    }

    @Test
    void onAPageItIsTheRefusalPageWith409() {
        var model = new ExtendedModelMap();
        var response = new MockHttpServletResponse();
        String view = new PageErrors(new StaticMessageSource()).gaveWay(new CannotAcquireLockException("deadlock detected"),
                model, new MockHttpServletRequest("POST", "/desk/1/stations/2/decision"), response);
        assertThat(view).isEqualTo("platform/refused");
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(model).containsEntry("ruleCode", "GEN-409");
        assertThat((String) model.get("message")).contains("send it again");
    }
}
