package io.mayhem.bench.trivial;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** GET /received: how many messages the trivial listener has taken, as a plain number. */
@WebServlet("/received")
public class ReceivedCount extends HttpServlet {

    /** Messages the deployed trivial listener took. */
    static final AtomicLong RECEIVED = new AtomicLong();

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(RECEIVED.get());
    }
}
