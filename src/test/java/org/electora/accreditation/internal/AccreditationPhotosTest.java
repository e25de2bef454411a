package org.electora.accreditation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

import org.electora.platform.Problem;
import org.junit.jupiter.api.Test;

/** The photo rules, decided from the bytes alone. */
class AccreditationPhotosTest {

    private static List<String> codes(byte[] bytes) {
        List<Problem> problems = new ArrayList<>();
        AccreditationPhotos.check(bytes, 7, "photo", problems);
        problems.forEach(p -> assertThat(p.line()).isEqualTo(7));
        return problems.stream().map(Problem::ruleCode).toList();
    }

    @Test
    void aPortraitJpegOrPngIsAcceptedWithItsTypeDimensionsAndDigest() {
        List<Problem> problems = new ArrayList<>();
        byte[] jpeg = TestPhotos.jpeg(600, 800);

        AccreditationPhotos.Photo photo = AccreditationPhotos.check(jpeg, 0, "photo", problems);

        assertThat(problems).isEmpty();
        assertThat(photo.mediaType()).isEqualTo("image/jpeg");
        assertThat(photo.width()).isEqualTo(600);
        assertThat(photo.height()).isEqualTo(800);
        assertThat(photo.sha256()).hasSize(64).isEqualTo(org.electora.platform.Digests.sha256(jpeg));
        assertThat(AccreditationPhotos.check(TestPhotos.png(300, 400), 0, "photo", problems).mediaType()).isEqualTo("image/png");
        assertThat(problems).isEmpty();
    }

    @Test
    void theTypeComesFromTheBytesSoTextOrAGifIsNotAPhotoWhateverItsName() {
        assertThat(codes("GIF89a this is not a photo".getBytes(StandardCharsets.US_ASCII))).containsExactly("ACC-102");
        assertThat(codes("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.US_ASCII))).containsExactly("ACC-102");
        assertThat(codes(TestPhotos.encode(TestPhotos.portrait(600, 800), "bmp"))).containsExactly("ACC-102");
        assertThat(codes(new byte[0])).containsExactly("ACC-100");
        assertThat(codes(null)).containsExactly("ACC-100");
    }

    @Test
    void aTruncatedJpegIsRefusedAsUnreadable() {
        byte[] jpeg = TestPhotos.jpeg(600, 800);

        assertThat(codes(Arrays.copyOf(jpeg, 40))).containsExactly("ACC-102");
    }

    @Test
    void eachSizeAndShapeLimitHasItsOwnCode() {
        long seed = 20260211L;
        System.out.println("noise seed " + seed);
        assertThat(codes(TestPhotos.noisyPng(1000, 1300, seed))).as("over 2 MiB").containsExactly("ACC-101");
        assertThat(codes(TestPhotos.jpeg(240, 320))).as("too small").containsExactly("ACC-103");
        assertThat(codes(TestPhotos.jpeg(299, 400))).as("one pixel too narrow").containsExactly("ACC-103");
        assertThat(codes(TestPhotos.jpeg(500, 500))).as("square").containsExactly("ACC-105");
        assertThat(codes(TestPhotos.jpeg(800, 600))).as("landscape").containsExactly("ACC-105");
        assertThat(codes(TestPhotos.jpeg(400, 700))).as("too tall and thin").containsExactly("ACC-105");
    }

    @Test
    void aSmallFileClaimingAHugeImageIsRefusedFromItsHeaderWithoutDecodingIt() {
        byte[] png = withDimensions(TestPhotos.png(300, 400), 30_000, 40_000);

        assertThat(png.length).isLessThan(AccreditationPhotos.MAX_BYTES);
        assertThat(codes(png)).containsExactly("ACC-104");
        assertThat(codes(withDimensions(TestPhotos.png(300, 400), 3000, 4001))).containsExactly("ACC-104");
    }

    /** The PNG with its IHDR width and height replaced (and the chunk's CRC recomputed). */
    private static byte[] withDimensions(byte[] png, int width, int height) {
        byte[] copy = png.clone();
        ByteBuffer b = ByteBuffer.wrap(copy);
        // signature (8), length (4), "IHDR" (4), width (4), height (4), ... then CRC over type + data (17 bytes)
        b.putInt(16, width);
        b.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(copy, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return copy;
    }
}
